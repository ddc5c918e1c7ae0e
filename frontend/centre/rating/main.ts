import { mount } from 'svelte'
import '../lib/base.css'
import Rating from './Rating.svelte'

export default mount(Rating, { target: document.getElementById('app')! })
